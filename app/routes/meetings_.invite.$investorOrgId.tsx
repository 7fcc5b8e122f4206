// An exhibitor invites an investor (from "matching investors").
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";

import { MeetingRequestForm } from "~/components/meetings/meeting-request-form";
import { meetingOptionsForInvestor, requestMeeting } from "~/domain/meetings/requests.server";
import { parseMeetingRequest } from "~/domain/meetings/request-input.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { domainErrorResponse } from "~/lib/responses.server";
import { DomainError } from "~/lib/errors";
import { Card, FormAlert, type FormState } from "~/components/ui/form";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  try {
    return json({ options: await meetingOptionsForInvestor(user, params.investorOrgId ?? ""), blocked: null });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.status === 403 || err.status === 404) throw new Response(null, { status: err.status });
    const { t } = await requestContext(request, user);
    return json({ options: null, blocked: t(err.key, err.params) }, { status: err.status });
  }
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t } = await requestContext(request, user);
  let options: Awaited<ReturnType<typeof meetingOptionsForInvestor>>;
  try {
    // 409 when the exhibitor has no public booth to invite from: said on the page, as the loader does.
    options = await meetingOptionsForInvestor(user, params.investorOrgId ?? "");
  } catch (err) {
    return domainErrorResponse(err, t, {}, { sent: false });
  }
  const input = parseMeetingRequest(await request.formData(), options.toOrgId, t);
  if (!input.ok) return json({ errors: input.errors, values: input.values, sent: false }, { status: 400 });
  try {
    await requestMeeting(user, options.fairId, input.data);
  } catch (err) {
    return domainErrorResponse(err, t, input.values, { sent: false });
  }
  return json({ sent: true, errors: {}, values: {} });
}

export default function InviteInvestor() {
  const { options, blocked } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (FormState & { sent?: boolean }) | undefined;
  const { pick } = useI18n();
  if (!options)
    return (
      <Card className="mx-auto max-w-lg">
        <FormAlert>{blocked}</FormAlert>
      </Card>
    );
  return (
    <div className="mx-auto max-w-lg space-y-3">
      <h1 className="text-xl font-semibold">{pick(options.investor.nameZh, options.investor.nameEn)}</h1>
      <MeetingRequestForm meeting={options} state={state} />
    </div>
  );
}

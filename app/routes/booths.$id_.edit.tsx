import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { BoothBuilder } from "~/components/booths/booth-builder";
import type { IntentState } from "~/components/ui/form";
import * as builder from "~/domain/booths/booth-builder.server";
import { startBoothCheckout } from "~/domain/payments/booth-fees.server";
import { requestContext } from "~/i18n/request.server";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { appOrigin } from "~/lib/app-url.server";
import { fileField, readForm } from "~/lib/multipart.server";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "搭建展位 Build booth · 云展洽" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  return json({ booth: await orErrorPage(builder.getWorkspace(user, params.id ?? "")) });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t } = await requestContext(request, user);
  const id = params.id ?? "";
  let form: FormData;
  try {
    form = await readForm(request);
  } catch (err) {
    return domainErrorResponse(err, t, {}, { intent: "upload" });
  }
  const ref = (f: FormData) => validate(builder.idSchema, f).id;
  return dispatchIntent(
    form,
    {
      details: (f) => builder.saveDetails(user, id, validate(builder.detailsSchema, f)),
      logo: (f) => builder.setBoothImage(user, id, "logo", fileField(f, "logo")),
      banner: (f) => builder.setBoothImage(user, id, "banner", fileField(f, "banner")),
      "gallery-add": (f) => builder.addGalleryImage(user, id, fileField(f, "image")),
      "gallery-remove": (f) => builder.removeGalleryImage(user, id, ref(f)),
      "product-save": (f) => builder.saveProduct(user, id, validate(builder.productSchema, f)),
      "product-delete": (f) => builder.deleteProduct(user, id, ref(f)),
      "project-save": (f) => builder.saveProject(user, id, validate(builder.projectSchema, f)),
      "project-delete": (f) => builder.deleteProject(user, id, ref(f)),
      "attachment-add": (f) => builder.addAttachment(user, id, ref(f), fileField(f, "file")),
      "attachment-remove": (f) => builder.removeAttachment(user, id, ref(f)),
      "contact-add": (f) => builder.addContact(user, id, validate(builder.contactSchema, f)),
      "contact-delete": (f) => builder.deleteContact(user, id, ref(f)),
      submit: () => builder.submitForReview(user, id),
      pay: async () => redirect(await startBoothCheckout(user, id, appOrigin())),
    },
    t,
    `/booths/${id}/edit`,
  );
}

export default function EditBooth() {
  const { booth } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [params] = useSearchParams();
  return <BoothBuilder booth={booth} state={state} saved={params.get("saved")} paid={params.get("paid")} />;
}

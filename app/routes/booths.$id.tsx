import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FileText, Play, Star } from "lucide-react";
import { requireUser } from "~/auth/guards.server";
import { getUser } from "~/auth/session.server";
import { Card } from "~/components/ui/form";
import { mediaUrl } from "~/components/booths/media";
import { getBoothForViewer, viewerBoothState } from "~/domain/booths/booth-page.server";
import { setBookmark } from "~/domain/booths/engagement.server";
import { countBoothVisit } from "~/domain/booths/visits.server";
import { meetingOptionsForBooth, requestMeeting } from "~/domain/meetings/requests.server";
import { parseMeetingRequest } from "~/domain/meetings/request-input.server";
import { grantForBooth, grantLeadConsents } from "~/domain/privacy/consents.server";
import { requestContext } from "~/i18n/request.server";
import { intentOf, parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";
import { type FormState } from "~/components/ui/form";
import { useActionData } from "@remix-run/react";
import { history } from "~/domain/chat/chat.server";
import { ChatPanel } from "~/components/chat/chat-panel";
import { MeetingRequestForm } from "~/components/meetings/meeting-request-form";
import { useI18n } from "~/i18n/use-i18n";
import { metaLocale, pageTitle } from "~/i18n/meta";
import { orErrorPage } from "~/lib/responses.server";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { chatCatalog } from "~/i18n/catalog/chat";
import { privacyCatalog } from "~/i18n/catalog/privacy";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await getBoothForViewer(params.id ?? "", user);
  if (!page) throw new Response(null, { status: 404 });
  const { booth, meeting } = page;
  const counted = booth.isPublic && !booth.canEdit;
  // Anonymous pages may be served from the page cache: the server counts their visits (ADR 025).
  if (counted && !user && context.deferBoothVisit)
    context.deferBoothVisit({ id: booth.id, timeZone: booth.fair.timeZone });
  const setCookie =
    counted && (user || !context.deferBoothVisit)
      ? await countBoothVisit(
          request,
          { id: booth.id, timeZone: booth.fair.timeZone },
          user?.id ?? null,
          context.clientIp ?? "unknown",
        )
      : null;
  // The viewer's bookmark and conversation, in one statement (ADR 033).
  const mine =
    user && (booth.canBookmark || (booth.isPublic && !booth.canEdit))
      ? await viewerBoothState(user.id, booth.id)
      : null;
  const bookmarked = !!(booth.canBookmark && mine?.bookmarked);
  const thread = booth.isPublic && !booth.canEdit && mine?.threadId ? { id: mine.threadId } : null;
  const empty: {
    threadId: string | null;
    messages: Awaited<ReturnType<typeof history>>["messages"];
    hasMore: boolean;
  } = { threadId: null, messages: [], hasMore: false };
  const chat = thread && user ? { threadId: thread.id as string | null, ...(await history(user, thread.id)) } : empty;
  return json(
    { booth, bookmarked, signedIn: !!user, meeting, chat, selfId: user?.id ?? null },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

const bookmarkForm = z.object({ bookmark: z.enum(["on", "off"]).catch("off") });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await requestContext(request, user);
  const form = await request.formData();
  if (intentOf(form) === "request-meeting") {
    const intent = "request-meeting";
    const options = await meetingOptionsForBooth(user, params.id ?? "");
    if (!options) throw new Response(null, { status: 403 });
    const input = parseMeetingRequest(form, options.toOrgId, t);
    if (!input.ok) return json({ intent, errors: input.errors, values: input.values, sent: false }, { status: 400 });
    try {
      await requestMeeting(user, options.fairId, input.data);
    } catch (err) {
      return domainErrorResponse(err, t, input.values, { intent, sent: false });
    }
    // The form showed the words (lead and contact sharing); the consent keeps them (ADR 022).
    await grantLeadConsents(user, options.toOrgId, locale, "meeting.request");
    return json({ intent, sent: true, errors: {}, values: {} });
  }
  const bookmark = parseForm(bookmarkForm, form, t);
  if (!bookmark.ok) return json({ ok: false, errors: bookmark.errors }, { status: 400 });
  const on = await orErrorPage(setBookmark(user, params.id ?? "", bookmark.data.bookmark === "on"));
  if (on) await grantForBooth(user.id, params.id ?? "", locale, "bookmark");
  return json({ ok: true });
}

const CONTACTS_HIDDEN = {
  "sign-in": "boothPage.contactsHidden",
  meeting: "boothPage.contactsAfterMeeting",
  "rate-limited": "boothPage.contactsRateLimited",
} as const;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(metaLocale(matches), data?.booth.organization.nameZh, data?.booth.organization.nameEn) },
];

export default function BoothPage() {
  const { booth, bookmarked, signedIn, meeting, chat, selfId } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (FormState & { intent?: string; sent?: boolean }) | undefined;
  const { t, pick, money, label } = useI18n(boothsCatalog, chatCatalog, privacyCatalog);
  const org = booth.organization;
  const orgName = pick(org.nameZh, org.nameEn);
  return (
    <article className="space-y-6">
      <Link to={`/fairs/${booth.fair.slug}?hall=${booth.hall.slug}`} className="text-sm">
        ← {t("booth.backToFair")} · {pick(booth.hall.nameZh, booth.hall.nameEn)}
      </Link>
      {!booth.isPublic && (
        <p
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="preview-banner"
        >
          {t("boothPage.preview", {
            status: `${label("booth.status", booth.status)} · ${label("pay.status", booth.paymentStatus)}`,
          })}
        </p>
      )}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {booth.bannerKey ? (
          <img
            src={mediaUrl(booth.bannerKey)}
            alt={t("img.banner", { name: pick(org.nameZh, org.nameEn) })}
            width={1200}
            height={300}
            className="aspect-[4/1] w-full object-cover"
          />
        ) : (
          <div className="aspect-[6/1] w-full bg-gradient-to-r from-brand-700 to-brand-600" />
        )}
        <div className="flex flex-wrap items-center gap-4 p-5">
          {booth.logoKey && (
            <img
              src={mediaUrl(booth.logoKey)}
              alt={t("img.logo", { name: pick(org.nameZh, org.nameEn) })}
              width={72}
              height={72}
              className="h-18 w-18 rounded"
            />
          )}
          <div className="min-w-0 flex-1">
            <h1 className="text-2xl font-bold" data-testid="booth-name">
              {pick(org.nameZh, org.nameEn)}
            </h1>
            <p className="text-slate-600">
              {[label("sector", org.sector), label("region", org.region), pick(booth.tier.nameZh, booth.tier.nameEn)]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
          {booth.canBookmark && (
            <Form method="post" replace preventScrollReset>
              <input type="hidden" name="bookmark" value={bookmarked ? "off" : "on"} />
              <button
                type="submit"
                className={`rounded border px-3 py-1 ${bookmarked ? "border-amber-400 bg-amber-50 text-amber-900" : "border-slate-300"}`}
                aria-pressed={bookmarked}
                data-testid="bookmark"
              >
                <Star
                  aria-hidden="true"
                  className={`inline-block h-4 w-4 align-text-bottom ${bookmarked ? "fill-current" : ""}`}
                />{" "}
                {bookmarked ? t("boothPage.bookmarked") : t("boothPage.bookmark")}
              </button>
            </Form>
          )}
          {booth.canEdit && (
            <Link
              to={`/booths/${booth.id}/edit`}
              className="touch-target rounded border border-slate-300 px-3 py-1 no-underline"
            >
              {t("booth.edit")}
            </Link>
          )}
        </div>
        {booth.canBookmark && (
          <p className="px-5 pb-4 text-xs text-slate-600" data-testid="lead-consent">
            {t("consent.text.leadSharing", { org: orgName })} <Link to="/privacy#consents">{t("consent.more")}</Link>
          </p>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("booth.about")}</h2>
            <p className="whitespace-pre-line text-slate-700">
              {pick(booth.descriptionZh, booth.descriptionEn) || pick(org.descriptionZh, org.descriptionEn)}
            </p>
            {org.website && (
              <p className="mt-2 text-sm">
                {t("booth.website")}:{" "}
                <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
                  {org.website}
                </a>
              </p>
            )}
            {booth.videoUrl && (
              <p className="mt-2 text-sm">
                <a href={booth.videoUrl} rel="noopener noreferrer nofollow" target="_blank">
                  <Play aria-hidden="true" className="inline-block h-4 w-4 align-text-bottom" /> {t("boothPage.video")}
                </a>
              </p>
            )}
          </Card>
          {booth.gallery.length > 0 && (
            <section aria-label={t("boothPage.gallery")}>
              <h2 className="mb-3 text-lg font-semibold">{t("boothPage.gallery")}</h2>
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {booth.gallery.map((m, i) => (
                  <li key={m.id}>
                    <a href={mediaUrl(m.key)} target="_blank" rel="noopener">
                      <img
                        src={mediaUrl(m.thumbKey ?? m.key)}
                        alt={t("img.gallery", { name: pick(org.nameZh, org.nameEn), n: i + 1 })}
                        loading="lazy"
                        className="aspect-[4/3] w-full rounded object-cover"
                        data-testid="gallery-image"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h2 className="mb-3 text-lg font-semibold">{t("booth.projects")}</h2>
            {booth.projects.length === 0 && <p className="text-slate-600">{t("booth.noProjects")}</p>}
            <ul className="space-y-3">
              {booth.projects.map((p) => (
                <li key={p.id}>
                  <Card>
                    <h3 className="font-semibold" data-testid="project-title">
                      {pick(p.titleZh, p.titleEn)}
                    </h3>
                    <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm text-slate-600 sm:grid-cols-4">
                      <div>
                        <dt className="text-slate-500">{t("booth.sector")}</dt>
                        <dd>{label("sector", p.sector)}</dd>
                      </div>
                      <div>
                        <dt className="text-slate-500">{t("booth.stage")}</dt>
                        <dd>{label("stage", p.stage)}</dd>
                      </div>
                      <div>
                        <dt className="text-slate-500">{t("booth.amountSought")}</dt>
                        <dd data-testid="project-amount">{money(p.amountSought, p.currency)}</dd>
                      </div>
                      <div>
                        <dt className="text-slate-500">{t("booth.region")}</dt>
                        <dd>{label("region", p.region)}</dd>
                      </div>
                    </dl>
                    <p className="mt-2 text-sm text-slate-700">{pick(p.descriptionZh, p.descriptionEn)}</p>
                    {p.attachments.length > 0 && (
                      <ul className="mt-2 text-sm" aria-label={t("boothPage.attachments")}>
                        {p.attachments.map((a) => (
                          <li key={a.id}>
                            <a href={mediaUrl(a.key)} target="_blank" rel="noopener">
                              <FileText aria-hidden="true" className="inline-block h-4 w-4 align-text-bottom" />{" "}
                              {a.originalName}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Card>
                </li>
              ))}
            </ul>
          </section>
          {booth.products.length > 0 && (
            <section>
              <h2 className="mb-3 text-lg font-semibold">{t("boothPage.products")}</h2>
              <ul className="grid gap-3 sm:grid-cols-2">
                {booth.products.map((p) => (
                  <li key={p.id}>
                    <Card>
                      <h3 className="font-medium" data-testid="product-name">
                        {pick(p.nameZh, p.nameEn)}
                      </h3>
                      <p className="mt-1 text-sm text-slate-600">{pick(p.descriptionZh, p.descriptionEn)}</p>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <aside className="space-y-4">
          <Card>
            <h2 className="mb-2 font-semibold">{t("boothPage.contacts")}</h2>
            {booth.contacts === null ? (
              <p className="text-sm text-slate-600" data-testid="contacts-hidden" data-reason={booth.contactsHidden}>
                {t(CONTACTS_HIDDEN[booth.contactsHidden ?? "sign-in"])}{" "}
                {!signedIn && (
                  <Link to={`/login?next=${encodeURIComponent(`/booths/${booth.id}`)}`}>{t("nav.login")}</Link>
                )}
              </p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="contacts">
                {booth.contacts.map((c) => (
                  <li key={c.id}>
                    <p className="font-medium">
                      {c.name}
                      {c.title && ` · ${c.title}`}
                    </p>
                    {c.email && (
                      <p>
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </p>
                    )}
                    {c.phone && <p>{c.phone}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {booth.isPublic && !booth.canEdit && (
            <Card>
              <h2 className="mb-2 font-semibold">{t("chat.title")}</h2>
              <ChatPanel
                boothId={booth.id}
                threadId={chat.threadId}
                initial={chat.messages}
                hasMore={chat.hasMore}
                signedIn={signedIn}
                selfId={selfId}
              />
            </Card>
          )}
          {meeting ? (
            <MeetingRequestForm
              meeting={meeting}
              state={state?.intent === "request-meeting" ? state : undefined}
              consent={t("consent.text.contactSharing", { org: orgName })}
            />
          ) : !signedIn ? (
            <Card className="border-dashed">
              <p className="text-sm text-slate-600" data-testid="meeting-signin">
                {t("boothPage.meetingInvite")}
              </p>
              <p className="mt-3 flex flex-wrap gap-2 text-sm">
                <Link
                  to={`/login?next=${encodeURIComponent(`/booths/${booth.id}`)}`}
                  className="rounded bg-brand-600 px-3 py-1.5 text-white no-underline"
                >
                  {t("boothPage.meetingLogin")}
                </Link>
                <Link
                  to={`/signup?type=investor&next=${encodeURIComponent(`/booths/${booth.id}`)}`}
                  className="rounded border border-brand-600 px-3 py-1.5 no-underline"
                >
                  {t("boothPage.meetingSignup")}
                </Link>
              </p>
            </Card>
          ) : booth.isPublic && !booth.canEdit ? (
            <Card className="border-dashed">
              <p className="text-sm text-slate-600" data-testid="meeting-placeholder">
                {t("boothPage.meetingInvestorsOnly")}
              </p>
            </Card>
          ) : null}
        </aside>
      </div>
    </article>
  );
}

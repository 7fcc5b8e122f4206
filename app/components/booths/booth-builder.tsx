// The exhibitor's booth builder: one page, one small form per thing, each posting an `intent`.
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { FileText } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { inMb, UPLOAD_LIMITS } from "../../../media/limits";
import { CURRENCIES, REGION_CODES, SECTOR_CODES, STAGE_CODES } from "~/domain/fairs/codes";
import { useI18n } from "~/i18n/use-i18n";
import { Button, Card, Field, FormAlert, scoped, SelectField, TextArea, type IntentState } from "~/components/ui/form";
import { mediaUrl } from "./media";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { typedText } from "~/lib/forms";
import type { ProjectView } from "~/domain/booths/booth-content";

type Project = ProjectView;
export interface BuilderBooth {
  id: string;
  status: string;
  reviewNote: string | null;
  paymentStatus: string;
  feeAmount: number;
  currency: string;
  isPublic: boolean;
  descriptionZh: string;
  descriptionEn: string;
  videoUrl: string;
  logoKey: string | null;
  bannerKey: string | null;
  fair: { slug: string; titleZh: string; titleEn: string; status: string };
  hall: { nameZh: string; nameEn: string };
  tier: { nameZh: string; nameEn: string };
  organization: { nameZh: string; nameEn: string };
  gallery: { id: string; key: string; thumbKey: string | null }[];
  products: { id: string; nameZh: string; nameEn: string; descriptionZh: string; descriptionEn: string }[];
  contacts: { id: string; name: string; title: string; email: string | null; phone: string | null }[];
  projects: Project[];
}

function IntentForm({
  intent,
  state,
  children,
  multipart,
  className = "space-y-3",
  testId,
}: {
  intent: string;
  state?: IntentState;
  children: ReactNode;
  multipart?: boolean;
  className?: string;
  testId?: string;
}) {
  const s = scoped(state, intent);
  // An upload's refusal shows next to its file field (FileInput); not a second time on top.
  const shownAtField = multipart && !!s?.formError && Object.values(s.errors ?? {}).includes(s.formError);
  return (
    <Form
      method="post"
      encType={multipart ? "multipart/form-data" : undefined}
      className={className}
      data-testid={testId}
      preventScrollReset
    >
      <input type="hidden" name="intent" value={intent} />
      {s?.formError && !shownAtField && <FormAlert>{s.formError}</FormAlert>}
      {children}
    </Form>
  );
}

function Remove({ intent, id }: { intent: string; id: string }) {
  const { t } = useI18n(boothsCatalog);
  return (
    <Form method="post" preventScrollReset className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button tone="danger">{t("builder.remove")}</Button>
    </Form>
  );
}

/**
 * A file field that refuses a file above `maxBytes` in the browser, before anything is sent (the
 * server's limits, media/limits.ts): the message shows under the field and the form cannot be
 * submitted until another file is chosen. The server's own refusal of the field shows in the same place.
 */
function FileInput({
  name,
  accept,
  label,
  hint,
  maxBytes,
  state,
}: {
  name: string;
  accept: string;
  label: string;
  hint: string;
  maxBytes: number;
  state?: IntentState;
}) {
  const { t } = useI18n(boothsCatalog);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const check = (el: HTMLInputElement | null) => {
    if (!el) return;
    const file = el.files?.[0];
    const message = file && file.size > maxBytes ? t("upload.too-large", { maxMb: inMb(maxBytes) }) : null;
    el.setCustomValidity(message ?? "");
    setTooLarge(message);
  };
  // A file chosen before the page's JavaScript ran is checked as soon as it does.
  useEffect(() => check(input.current), []); // eslint-disable-line react-hooks/exhaustive-deps
  const error = tooLarge ?? state?.errors?.[name];
  return (
    <div className="space-y-1">
      <label className="block text-sm font-medium text-slate-700" htmlFor={id}>
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        name={name}
        accept={accept}
        required
        data-max-bytes={maxBytes}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => check(e.currentTarget)}
        className="block w-full text-sm"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A key per add form that changes each time that form's intent succeeded (the action redirects to
 * `?saved=<intent>`), so the form remounts empty instead of inviting a duplicate; a failed add
 * (no navigation) keeps what was typed. Without JavaScript the redirect's page is empty anyway.
 */
function useAddFormKeys(saved: string | null) {
  const location = useLocation();
  const [seen, setSeen] = useState(location.key);
  const [done, setDone] = useState<Record<string, number>>({});
  if (seen !== location.key) {
    setSeen(location.key);
    if (saved) setDone((d) => ({ ...d, [saved]: (d[saved] ?? 0) + 1 }));
  }
  return (intent: string) => `${intent}-${done[intent] ?? 0}`;
}

function ProjectFields({ state, p }: { state?: IntentState; p?: Project }) {
  const { t, label } = useI18n(boothsCatalog);
  const opts = (group: "sector" | "stage" | "region", codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: label(group, c) }));
  return (
    <>
      {p && <input type="hidden" name="projectId" value={p.id} />}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="titleZh" label={t("builder.titleZh")} state={state} defaultValue={p?.titleZh} required />
        <Field name="titleEn" label={t("builder.titleEn")} state={state} defaultValue={p?.titleEn} required />
        <SelectField
          name="sector"
          label={t("booth.sector")}
          options={opts("sector", SECTOR_CODES)}
          state={state}
          defaultValue={p?.sector}
        />
        <SelectField
          name="stage"
          label={t("booth.stage")}
          options={opts("stage", STAGE_CODES)}
          state={state}
          defaultValue={p?.stage}
        />
        <SelectField
          name="region"
          label={t("booth.region")}
          options={opts("region", REGION_CODES)}
          state={state}
          defaultValue={p?.region}
        />
        <div className="grid grid-cols-3 gap-2">
          <div className="col-span-2">
            <Field
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              label={t("builder.amount")}
              state={state}
              defaultValue={p ? String(p.amountSought / 100) : undefined}
              required
            />
          </div>
          <SelectField
            name="currency"
            label={t("builder.currency")}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            state={state}
            defaultValue={p?.currency ?? "CNY"}
            required
          />
        </div>
      </div>
      <TextArea
        name="descriptionZh"
        label={t("builder.descZh")}
        state={state}
        defaultValue={p?.descriptionZh}
        rows={3}
        maxLength={4000}
      />
      <TextArea
        name="descriptionEn"
        label={t("builder.descEn")}
        state={state}
        defaultValue={p?.descriptionEn}
        rows={3}
        maxLength={6000}
      />
    </>
  );
}

/** Why the booth is not public yet, in the words of its state. */
function notPublicReason(booth: Pick<BuilderBooth, "status" | "paymentStatus">) {
  switch (booth.status) {
    case "DRAFT":
      return "builder.reason.draft";
    case "SUBMITTED":
      return "builder.reason.review";
    case "CHANGES_REQUESTED":
      return "builder.reason.changes";
    case "REJECTED":
      return "builder.reason.rejected";
    default:
      return booth.paymentStatus === "UNPAID" || booth.paymentStatus === "PENDING"
        ? "builder.reason.payment"
        : booth.paymentStatus === "REFUNDED"
          ? "builder.reason.refunded"
          : "builder.reason.fair";
  }
}

function StatusPanel({ booth, state }: { booth: BuilderBooth; state?: IntentState }) {
  const { t, pick, label, money } = useI18n(boothsCatalog);
  const canSubmit = booth.status === "DRAFT" || booth.status === "CHANGES_REQUESTED";
  const canPay =
    (booth.paymentStatus === "UNPAID" || booth.paymentStatus === "PENDING") &&
    booth.status !== "DRAFT" &&
    booth.status !== "REJECTED";
  const reason = t(notPublicReason(booth));
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            {t("builder.title")} · {pick(booth.organization.nameZh, booth.organization.nameEn)}
          </h1>
          <p className="text-sm text-slate-600">
            {pick(booth.fair.titleZh, booth.fair.titleEn)} · {pick(booth.hall.nameZh, booth.hall.nameEn)} ·{" "}
            {pick(booth.tier.nameZh, booth.tier.nameEn)}
          </p>
          <p className="mt-1 text-sm" data-testid="booth-status">
            {t("builder.status", { status: label("booth.status", booth.status) })} ·{" "}
            {label("pay.status", booth.paymentStatus)}
            {booth.feeAmount > 0 && ` (${money(booth.feeAmount, booth.currency)})`}
          </p>
          {booth.reviewNote && (
            <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="review-note">
              {t(
                booth.status === "CHANGES_REQUESTED"
                  ? "builder.reviewNote.changes"
                  : booth.status === "REJECTED"
                    ? "builder.reviewNote.rejected"
                    : "builder.reviewNote",
                { note: booth.reviewNote },
              )}
            </p>
          )}
          <p className="mt-1 text-sm text-slate-600" data-testid="public-state">
            {booth.isPublic ? t("builder.public") : t("builder.notPublicYet", { reason })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            to={`/booths/${booth.id}`}
            className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
          >
            {t("builder.preview")}
          </Link>
          {canSubmit && (
            <IntentForm intent="submit" state={state} className="inline">
              <Button>{t("builder.submit")}</Button>
            </IntentForm>
          )}
          {canPay && (
            <IntentForm intent="pay" state={state} className="inline">
              <Button>{t("pay.payNow", { amount: money(booth.feeAmount, booth.currency) })}</Button>
            </IntentForm>
          )}
        </div>
      </div>
      {canSubmit && <p className="mt-2 text-xs text-slate-500">{t("builder.submitHint")}</p>}
    </Card>
  );
}

export function BoothBuilder({
  booth,
  state,
  saved,
  paid,
}: {
  booth: BuilderBooth;
  state?: IntentState;
  saved: string | null;
  paid: string | null;
}) {
  const { t, pick, label, money } = useI18n(boothsCatalog);
  const boothName = pick(booth.organization.nameZh, booth.organization.nameEn);
  const busy = useNavigation().state === "submitting";
  const addFormKey = useAddFormKeys(saved);
  // An attachment's refusal belongs to the project whose form sent it.
  const attachmentState = (projectId: string) =>
    state?.intent === "attachment-add" && typedText(state.values, "id") === projectId ? state : undefined;
  return (
    <div className="space-y-6" aria-busy={busy}>
      {saved && !state && (
        <FormAlert tone="success">{t(saved === "submit" ? "builder.submitted" : "builder.saved")}</FormAlert>
      )}
      {paid === "1" && <FormAlert tone="success">{t("pay.thanks")}</FormAlert>}
      {paid === "0" && <FormAlert>{t("pay.cancelled")}</FormAlert>}
      <StatusPanel booth={booth} state={state} />

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("builder.details")}</h2>
        <IntentForm intent="details" state={state} testId="details-form">
          <TextArea
            name="descriptionZh"
            label={t("builder.descZh")}
            state={scoped(state, "details")}
            defaultValue={booth.descriptionZh}
            rows={5}
            maxLength={4000}
          />
          <TextArea
            name="descriptionEn"
            label={t("builder.descEn")}
            state={scoped(state, "details")}
            defaultValue={booth.descriptionEn}
            rows={5}
            maxLength={6000}
          />
          <Field
            name="videoUrl"
            type="url"
            label={t("builder.videoUrl")}
            state={scoped(state, "details")}
            defaultValue={booth.videoUrl}
            placeholder="https://"
          />
          <Button>{t("common.save")}</Button>
        </IntentForm>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        {(["logo", "banner"] as const).map((which) => (
          <Card key={which}>
            <h2 className="mb-3 text-lg font-semibold">{t(`builder.${which}`)}</h2>
            {booth[`${which}Key`] && (
              <img
                src={mediaUrl(booth[`${which}Key`])}
                alt={t(which === "logo" ? "img.logo" : "img.banner", { name: boothName })}
                className={
                  which === "logo" ? "mb-3 h-20 w-20 rounded" : "mb-3 aspect-[4/1] w-full rounded object-cover"
                }
                data-testid={`${which}-preview`}
              />
            )}
            <IntentForm intent={which} state={state} multipart testId={`${which}-form`}>
              <FileInput
                name={which}
                accept="image/png,image/jpeg,image/webp,image/gif"
                label={t("builder.chooseFile")}
                hint={t("builder.imageHint")}
                maxBytes={UPLOAD_LIMITS.imageBytes}
                state={scoped(state, which)}
              />
              <Button>{t("builder.upload")}</Button>
            </IntentForm>
          </Card>
        ))}
      </div>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("builder.gallery")}</h2>
        <ul className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {booth.gallery.map((m, i) => (
            <li key={m.id} className="space-y-1">
              <img
                src={mediaUrl(m.thumbKey ?? m.key)}
                alt={t("img.gallery", { name: boothName, n: i + 1 })}
                className="aspect-[4/3] w-full rounded object-cover"
              />
              <Remove intent="gallery-remove" id={m.id} />
            </li>
          ))}
        </ul>
        <IntentForm intent="gallery-add" state={state} multipart testId="gallery-form">
          <FileInput
            name="image"
            accept="image/png,image/jpeg,image/webp,image/gif"
            label={t("builder.galleryAdd")}
            hint={t("builder.imageHint")}
            maxBytes={UPLOAD_LIMITS.imageBytes}
            state={scoped(state, "gallery-add")}
          />
          <Button>{t("builder.upload")}</Button>
        </IntentForm>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("builder.projects")}</h2>
        <ul className="mb-4 space-y-4">
          {booth.projects.map((p) => (
            <li key={p.id} className="rounded border border-slate-200 p-3" data-testid="builder-project">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">
                  {pick(p.titleZh, p.titleEn)} · {label("stage", p.stage)} · {money(p.amountSought, p.currency)}
                </p>
                <Remove intent="project-delete" id={p.id} />
              </div>
              <ul className="mt-2 text-sm">
                {p.attachments.map((a) => (
                  <li key={a.id} className="flex items-center gap-2">
                    <a href={mediaUrl(a.key)} target="_blank" rel="noopener">
                      <FileText aria-hidden="true" className="inline-block h-4 w-4 align-text-bottom" />{" "}
                      {a.originalName}
                    </a>
                    <Remove intent="attachment-remove" id={a.id} />
                  </li>
                ))}
              </ul>
              <IntentForm
                intent="attachment-add"
                state={attachmentState(p.id)}
                multipart
                className="mt-2 flex flex-wrap items-end gap-2"
              >
                <input type="hidden" name="id" value={p.id} />
                <FileInput
                  name="file"
                  accept="application/pdf"
                  label={t("builder.attachmentAdd")}
                  hint={t("builder.pdfHint")}
                  maxBytes={UPLOAD_LIMITS.pdfBytes}
                  state={attachmentState(p.id)}
                />
                <Button tone="secondary">{t("builder.upload")}</Button>
              </IntentForm>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">{t("builder.projectEdit")}</summary>
                <IntentForm
                  intent="project-save"
                  state={state?.values?.projectId === p.id ? state : undefined}
                  className="mt-2 space-y-3"
                >
                  <ProjectFields
                    state={state?.values?.projectId === p.id ? scoped(state, "project-save") : undefined}
                    p={p}
                  />
                  <Button>{t("common.save")}</Button>
                </IntentForm>
              </details>
            </li>
          ))}
        </ul>
        <h3 className="mb-2 font-medium">{t("builder.projectAdd")}</h3>
        <IntentForm
          key={addFormKey("project-save")}
          intent="project-save"
          state={state?.values?.projectId ? undefined : state}
          testId="project-form"
        >
          <ProjectFields state={state?.values?.projectId ? undefined : scoped(state, "project-save")} />
          <Button>{t("builder.projectAdd")}</Button>
        </IntentForm>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("builder.products")}</h2>
        <ul className="mb-3 divide-y divide-slate-100">
          {booth.products.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 py-2">
              <span>{pick(p.nameZh, p.nameEn)}</span>
              <Remove intent="product-delete" id={p.id} />
            </li>
          ))}
        </ul>
        <IntentForm key={addFormKey("product-save")} intent="product-save" state={state} testId="product-form">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field name="nameZh" label={t("builder.nameZh")} state={scoped(state, "product-save")} required />
            <Field name="nameEn" label={t("builder.nameEn")} state={scoped(state, "product-save")} required />
          </div>
          <TextArea
            name="descriptionZh"
            label={t("builder.descZh")}
            state={scoped(state, "product-save")}
            rows={2}
            maxLength={2000}
          />
          <TextArea
            name="descriptionEn"
            label={t("builder.descEn")}
            state={scoped(state, "product-save")}
            rows={2}
            maxLength={3000}
          />
          <Button>{t("builder.productAdd")}</Button>
        </IntentForm>
      </Card>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("builder.contacts")}</h2>
        <p className="mb-3 text-xs text-slate-500">{t("builder.contactsHint")}</p>
        <ul className="mb-3 divide-y divide-slate-100">
          {booth.contacts.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span>
                {c.name}
                {c.title && ` · ${c.title}`} {c.email} {c.phone}
              </span>
              <Remove intent="contact-delete" id={c.id} />
            </li>
          ))}
        </ul>
        <IntentForm key={addFormKey("contact-add")} intent="contact-add" state={state} testId="contact-form">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field name="name" label={t("builder.contactName")} state={scoped(state, "contact-add")} required />
            <Field name="title" label={t("builder.contactTitle")} state={scoped(state, "contact-add")} />
            <Field name="email" type="email" label={t("auth.email")} state={scoped(state, "contact-add")} />
            <Field name="phone" type="tel" label={t("builder.phone")} state={scoped(state, "contact-add")} />
          </div>
          <Button>{t("builder.contactAdd")}</Button>
        </IntentForm>
      </Card>
    </div>
  );
}

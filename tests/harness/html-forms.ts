// A small reader of the forms in a server-rendered page (React's markup: quoted attributes, escaped
// text), enough for the generated suites to post what a browser would: each <form>'s method, action
// and enctype, its fields (input, select, textarea) and its named submit buttons. Also the links of a
// page, to learn which query parameters a loader reads.

export interface FormField {
  name: string;
  /** input type (text, hidden, number, date, datetime-local, checkbox, radio, file, …), or select / textarea */
  type: string;
  /** the value a browser would send as the page stands (checked boxes, selected options, typed text) */
  value: string;
  checked: boolean;
  required: boolean;
  /** select: the option values; radio/checkbox: filled in by groupFields */
  options: string[];
  multiple: boolean;
  attrs: Record<string, string>;
}

export interface Submitter {
  name: string;
  value: string;
}

export interface HtmlForm {
  method: "get" | "post";
  /** the action attribute as written (may be empty: the page itself) */
  action: string;
  enctype: string;
  fields: FormField[];
  /** named submit buttons: each is a different submission of the same form */
  submitters: Submitter[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of s.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  return attrs;
}

/** Strips scripts, styles and comments, whose text may look like tags. */
function markupOnly(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<style\b[\s\S]*?<\/style>/gi, "");
}

/** The forms of a page, in document order. */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let form: HtmlForm | null = null;
  let select: FormField | null = null;
  let textarea: { field: FormField; start: number } | null = null;
  let button: { attrs: Record<string, string> } | null = null;
  const src = markupOnly(html);
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
  for (let m = tag.exec(src); m; m = tag.exec(src)) {
    const closing = m[1] === "/";
    const name = m[2].toLowerCase();
    const attrs = closing ? {} : parseAttrs(m[3]);
    if (textarea && !(closing && name === "textarea")) continue; // raw text inside a textarea
    if (name === "form") {
      if (closing) form = null;
      else {
        form = {
          method: (attrs.method ?? "get").toLowerCase() === "post" ? "post" : "get",
          action: attrs.action ?? "",
          enctype: attrs.enctype ?? "application/x-www-form-urlencoded",
          fields: [],
          submitters: [],
        };
        forms.push(form);
      }
      continue;
    }
    if (!form) continue;
    const field = (type: string, value: string, extra: Partial<FormField> = {}): FormField => ({
      name: attrs.name,
      type,
      value,
      checked: "checked" in attrs,
      required: "required" in attrs,
      options: [],
      multiple: "multiple" in attrs,
      attrs,
      ...extra,
    });
    if (name === "input" && !closing) {
      const type = (attrs.type ?? "text").toLowerCase();
      if (!attrs.name || "disabled" in attrs) continue;
      if (type === "submit" || type === "image") form.submitters.push({ name: attrs.name, value: attrs.value ?? "" });
      else if (type !== "button" && type !== "reset")
        form.fields.push(field(type, attrs.value ?? (type === "checkbox" || type === "radio" ? "on" : "")));
    } else if (name === "select") {
      if (closing) select = null;
      else if (attrs.name && !("disabled" in attrs)) {
        select = field("select", "");
        form.fields.push(select);
      }
    } else if (name === "option" && select && !closing) {
      // An option's value defaults to its text; React always renders the value attribute for ours.
      const value = attrs.value ?? "";
      select.options.push(value);
      if ("selected" in attrs || select.options.length === 1) select.value = value;
      if ("selected" in attrs) select.checked = true;
    } else if (name === "textarea") {
      if (!closing && attrs.name && !("disabled" in attrs))
        textarea = { field: field("textarea", ""), start: m.index + m[0].length };
      else if (closing && textarea) {
        textarea.field.value = decodeEntities(src.slice(textarea.start, m.index)).replace(/^\n/, "");
        form.fields.push(textarea.field);
        textarea = null;
      }
    } else if (name === "button") {
      if (!closing) button = { attrs };
      else if (button) {
        const type = (button.attrs.type ?? "submit").toLowerCase();
        if (type === "submit" && button.attrs.name && !("disabled" in button.attrs))
          form.submitters.push({ name: button.attrs.name, value: button.attrs.value ?? "" });
        button = null;
      }
    }
  }
  for (const f of forms) groupChoices(f);
  return forms;
}

/** Radio and checkbox inputs of one name know the values of their group. */
function groupChoices(form: HtmlForm) {
  const groups = new Map<string, FormField[]>();
  for (const f of form.fields)
    if (f.type === "radio" || f.type === "checkbox") groups.set(f.name, [...(groups.get(f.name) ?? []), f]);
  for (const members of groups.values()) {
    const values = members.map((m) => m.value);
    for (const m of members) m.options = values;
  }
}

/** The href of every link in a page. */
export function parseLinks(html: string): string[] {
  return [...markupOnly(html).matchAll(/<a\s[^>]*?href="([^"]*)"/gi)].map((m) => decodeEntities(m[1]));
}

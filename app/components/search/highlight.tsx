import { HL_END, HL_START } from "~/search/port";

/** Renders engine highlights (HL_START…HL_END markers, never HTML) as <mark>; text stays escaped. */
export function Highlighted({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  let key = 0;
  for (;;) {
    const s = rest.indexOf(HL_START);
    if (s < 0) break;
    const e = rest.indexOf(HL_END, s + 1);
    if (e < 0) break;
    if (s > 0) parts.push(rest.slice(0, s));
    parts.push(
      <mark key={key++} className="rounded bg-amber-100 px-0.5 text-inherit">
        {rest.slice(s + 1, e)}
      </mark>,
    );
    rest = rest.slice(e + 1);
  }
  parts.push(rest.replaceAll(HL_START, "").replaceAll(HL_END, ""));
  return <>{parts}</>;
}

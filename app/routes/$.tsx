// Anything no other route matches: the localized 404 page (root ErrorBoundary).
export function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

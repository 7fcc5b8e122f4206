// Anything no other route matches: the localized 404 page (root ErrorBoundary), for a form posted
// there too (not Remix's 405 "no action").
export function loader() {
  throw new Response(null, { status: 404 });
}

export function action() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

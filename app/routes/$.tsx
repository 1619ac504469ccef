import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any address no other route claims is a 404 rendered inside the layout.
export function loader() {
  throw new Response("There is nothing at this address.", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

// Remix still asks for the meta of a route whose loader threw: the 404 page gets its own <title>.
export const meta: MetaFunction = () => [{ title: "Page not found · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any address no other route claims is a 404 rendered inside the layout.
export function loader() {
  throw new Response("There is nothing at this address.", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

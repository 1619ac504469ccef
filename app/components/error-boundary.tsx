/**
 * The one error boundary: a readable message for 4xx responses and a plain
 * apology for anything else. Never a stack trace; the server logs those.
 */
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "We could not show this page. Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Page not found";
      message = typeof error.data === "string" && error.data ? error.data : "There is nothing at this address.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You are not allowed to do that.";
    } else if (error.status < 500) {
      title = "That did not work";
      message = typeof error.data === "string" && error.data ? error.data : message;
    }
  }
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the threads</Link>
      </p>
    </div>
  );
}

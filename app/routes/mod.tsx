import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireModerator } from "~/session.server";
import { canAdminister } from "~/utils/permissions";

// Every /mod page is for moderators; each action below still checks for itself.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireModerator(request);
  return { isAdmin: canAdminister(user) };
}

export default function ModerationLayout() {
  const { isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="sort-tabs" aria-label="Moderation">
        <ul>
          <li>
            <NavLink to="/mod" end>
              Flag queue
            </NavLink>
          </li>
          <li>
            <NavLink to="/mod/guide">Guide</NavLink>
          </li>
          <li>
            <NavLink to="/mod/threads/new">New prompt thread</NavLink>
          </li>
          {isAdmin ? (
            <li>
              <NavLink to="/mod/members">Members and roles</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/moderation-log">Public log</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderation · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HeaderSearch } from "~/components/header-search";
import { NotificationCount } from "~/components/notification-count";
import { getDb } from "~/db.server";
import { countUnread } from "~/models/notification-list.server";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce-provider";
import { loadsAppScripts } from "~/utils/page-scripts";
import { canModerate } from "~/utils/permissions";
import { RELATIVE_TIME_SCRIPT } from "~/utils/relative-time";
import { THEME_SCRIPT } from "~/utils/theme";
import { getUser } from "./session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { user, unread: user ? await countUnread(getDb(), user.id) : 0 };
}

// Who is signed in does not change when a member votes or previews: no need to ask again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/vote") || formAction === "/markdown-preview" ? false : defaultShouldRevalidate;

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const user = useOptionalUser();
  const unread = useRouteLoaderData<typeof loader>("root")?.unread ?? 0;
  const nonce = useNonce();
  const location = useLocation();
  const matches = useMatches();
  // Decided by the server (decision 0019). Once the app runs in the browser it keeps its scripts: this page
  // was sent with them, and a client-side navigation to a reading page must not unmount the router's parts.
  const appScripts = typeof document !== "undefined" || loadsAppScripts(user !== null, matches);
  return (
    // The theme script sets data-theme before React hydrates: the attribute is expected to differ.
    <html lang="en" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-name">
              Beyond Hello
            </Link>
            <nav aria-label="Site">
              <ul className="nav-list">
                <li className="nav-list__home">
                  <NavLink to="/" end>
                    Threads
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/guide">Guide</NavLink>
                </li>
                <li>
                  <NavLink to="/insights">Insights</NavLink>
                </li>
                <li>
                  <NavLink to="/workshop">Workshop</NavLink>
                </li>
                {canModerate(user) ? (
                  <li>
                    <NavLink to="/mod">Moderation</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <HeaderSearch />
            <div className="account">
              {user ? (
                <>
                  <Avatar name={user.username} />
                  <span>
                    <span className="account__label">Signed in as </span>
                    <Link to={`/u/${user.username}`} className="username">
                      {user.username}
                    </Link>
                  </span>
                  <NotificationCount count={unread} />
                  <Link to="/settings">Account</Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button-link">
                      Sign out
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <Link to="/login">Sign in</Link>
                  <Link to="/join" className="button button--small">
                    Join
                  </Link>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            <span>Beyond Hello — reflections on professional outreach.</span>
            <Link to="/about">About</Link>
            <Link to="/moderation-log">Moderation log</Link>
            <Form method="post" action="/theme" reloadDocument className="theme-form" aria-label="Theme">
              <input type="hidden" name="returnTo" value={location.pathname + location.search} />
              Theme:{" "}
              <button type="submit" name="theme" value="light" className="button-link">
                Light
              </button>{" "}
              ·{" "}
              <button type="submit" name="theme" value="dark" className="button-link">
                Dark
              </button>{" "}
              ·{" "}
              <button type="submit" name="theme" value="auto" className="button-link">
                Auto
              </button>
            </Form>
          </div>
        </footer>
        {appScripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          // Without the app, what it did for readers that still matters: relative times.
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: RELATIVE_TIME_SCRIPT }} />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

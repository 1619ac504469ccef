import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/server/form.server";
import { safeRedirect } from "~/session.server";
import { THEMES, themeCookie, type Theme } from "~/utils/theme";

/** The footer's theme switch: a plain form post, so it works without JavaScript too. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const asked = form.get("theme");
  const theme: Theme = THEMES.includes(asked as Theme) ? (asked as Theme) : "auto";
  const secure = new URL(request.url).protocol === "https:";
  return redirect(safeRedirect(form.get("returnTo")), { headers: { "Set-Cookie": themeCookie(theme, secure) } });
}

export function loader() {
  return redirect("/");
}

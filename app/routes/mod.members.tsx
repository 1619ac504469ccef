import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { listMembers, setModerator } from "~/models/moderation.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { memberChoiceSchema, parseForm } from "~/server/validation.server";
import { requireAdmin } from "~/session.server";
import { formatDate } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const search = new URL(request.url).searchParams.get("q")?.slice(0, 30) ?? "";
  return { search, members: await listMembers(getDb(), { search }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  invariantResponse(intent === "grant" || intent === "revoke", "That is not something this page can do.", {
    status: 400,
  });
  const parsed = parseForm(memberChoiceSchema, form);
  invariantResponse(parsed.ok, "There is no such member.", { status: 400 });
  const changed = await setModerator(getDb(), {
    adminId: admin.id,
    userId: parsed.data.userId,
    moderator: intent === "grant",
  });
  if (!changed)
    throw data(
      intent === "grant"
        ? "That member cannot be made a moderator (already one, an admin, or gone)."
        : "That member is not a moderator.",
      { status: 409 },
    );
  const search = formText(form, "q");
  return redirect(`/mod/members${search ? `?q=${encodeURIComponent(search)}` : ""}`);
}

export default function Members() {
  const { search, members } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Members and roles</h1>
      <p>Admins grant and revoke the moderator role here. Admins themselves are made from the command line.</p>
      <Form method="get" className="form" role="search">
        <div className="field">
          <label htmlFor="member-search">Find a member</label>
          <input id="member-search" type="search" name="q" defaultValue={search} maxLength={30} />
        </div>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <table className="table">
        <caption className="visually-hidden">Members and their roles</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>
                <Link to={`/u/${member.username}`}>{member.username}</Link>
              </td>
              <td>{member.role}</td>
              <td>{formatDate(member.created_at)}</td>
              <td>
                {member.role === "admin" ? (
                  <span className="meta">command line only</span>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.id} />
                    <input type="hidden" name="q" value={search} />
                    <button
                      type="submit"
                      name="intent"
                      value={member.role === "moderator" ? "revoke" : "grant"}
                      className="button--small secondary"
                    >
                      {member.role === "moderator"
                        ? `Revoke ${member.username}'s moderator role`
                        : `Make ${member.username} a moderator`}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Members and roles · Moderation · Beyond Hello" }];

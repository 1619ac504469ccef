import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { guideStatus, setGuideConsent, type ConsentChoice } from "~/models/guide-consent.server";
import { getPostForPermissions } from "~/models/post.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { idSchema } from "~/server/validation.server";
import { requireUser, safeRedirect } from "~/session.server";
import { GUIDE_MARK_CHOICE } from "~/utils/guide-marks";
import { postHref } from "~/utils/paging";

const CHOICES: ConsentChoice[] = ["withdraw", "allow", "agree"];

/** The author's own example message, or a 404 for anyone else (whose it is stays private). */
async function ownExample(request: Request, postIdParam: string | undefined) {
  const user = await requireUser(request);
  const postId = idSchema.safeParse(postIdParam);
  invariantResponse(postId.success, "There is no such message.", { status: 404 });
  const post = await getPostForPermissions(getDb(), postId.data);
  invariantResponse(
    post && post.author_id === user.id && post.kind !== "comment" && post.deleted_at === null,
    "There is no such message of yours.",
    { status: 404 },
  );
  return { user, post };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await ownExample(request, params.postId);
  const status = await guideStatus(getDb(), { postId: post.id });
  return {
    number: post.number,
    href: postHref(post.thread_slug, post.number),
    threadTitle: post.thread_title,
    inGuide: status?.entry_id != null && status.withdrawn_at === null,
    // How the guide presents it ("Do" or "Avoid"): part of what the author consents to.
    mark: status?.mark ?? null,
    consent: status?.guide_consent ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post } = await ownExample(request, params.postId);
  const form = await readForm(request);
  const choice = formText(form, "choice") as ConsentChoice;
  invariantResponse(CHOICES.includes(choice), "Choose to withdraw, allow or agree.", { status: 400 });
  await setGuideConsent(getDb(), { postId: post.id, authorId: user.id, choice });
  return redirect(safeRedirect(form.get("returnTo"), `/posts/${post.id}/guide`));
}

export default function GuideConsent() {
  const { number, href, threadTitle, inGuide, mark, consent } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your message in the guide</h1>
      <p>
        <Link to={href}>Your message #{number}</Link> in “{threadTitle}”{" "}
        {inGuide && mark
          ? `is in the guide, marked ${GUIDE_MARK_CHOICE[mark]}.`
          : inGuide
            ? "is in the guide."
            : consent === "withdrawn"
              ? "was withdrawn from the guide by you."
              : "is not in the guide."}
      </p>
      <p>
        Moderators may add example messages to <Link to="/guide">the guide</Link>. You decide whether yours stays there:
        withdrawn, it leaves the guide at once and cannot be added again unless you allow it.
      </p>
      <Form method="post" className="stack">
        {consent === "withdrawn" ? (
          <button type="submit" name="choice" value="allow" className="button">
            Allow moderators to add it again
          </button>
        ) : (
          <>
            <button type="submit" name="choice" value="withdraw" className="button">
              {inGuide ? "Withdraw it from the guide" : "Do not allow it in the guide"}
            </button>
            {inGuide && consent !== "agreed" ? (
              <button type="submit" name="choice" value="agree" className="button button--secondary">
                I agree to its place in the guide
              </button>
            ) : null}
          </>
        )}
      </Form>
      {consent === "agreed" ? <p className="meta">The guide says you agreed to its place there.</p> : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Your message in the guide · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { exportMemberData } from "~/models/user.server";
import { requireUser } from "~/session.server";

// A download of everything the member wrote; private, so never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = {
    exportedAt: new Date().toISOString(),
    site: "Beyond Hello",
    ...(await exportMemberData(getDb(), user.id)),
  };
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="beyond-hello-${user.username}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}

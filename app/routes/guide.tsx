import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export default function Guide() {
  return (
    <>
      <h1>The guide</h1>
      <p>
        The guide to outreach that feels authentic is being written. Moderators will gather the best example messages
        from the threads here, with notes on why they work.
      </p>
      <p>
        Until then, <Link to="/">read the threads</Link>.
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "The guide · Beyond Hello" }];

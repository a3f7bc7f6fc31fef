import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { title } from "~/lib/meta";

export default function AccountDeleted() {
  return (
    <div className="prose">
      <h1>Your account has been deleted</h1>
      <p>
        Your personal details are erased and you have been signed out. Your comments remain, shown as by “former
        member”.
      </p>
      <p>
        Thank you for taking part. You can <Link to="/join">create a new account</Link> at any time, with the same email
        address if you like.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Account deleted");

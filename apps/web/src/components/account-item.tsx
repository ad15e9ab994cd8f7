import type { ReactNode } from 'react';
import type { Account } from '../api/types.ts';
import { Link } from '../router.tsx';

/** One person in a list (search results, followers, list members): who, a link, an optional action. */
export function AccountItem(props: { account: Account; children?: ReactNode }) {
  const a = props.account;
  const name = a.display_name || a.username;
  return (
    <div className="account-item">
      <img className="avatar" src={a.avatar_static} alt="" width={44} height={44} loading="lazy" />
      <p className="account-item-who">
        <Link className="status-name" href={`/@${a.acct}`}>
          <bdi>{name}</bdi>
        </Link>
        <span className="status-acct" dir="ltr">
          @{a.acct}
        </span>
      </p>
      {props.children ? <div className="account-item-action">{props.children}</div> : null}
    </div>
  );
}

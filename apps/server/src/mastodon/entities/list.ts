import type { ListRow } from '../../db/schema/index.ts';

/** Mastodon's List entity. */
export function renderList(list: ListRow) {
  return {
    id: list.id,
    title: list.title,
    replies_policy: list.repliesPolicy,
    exclusive: list.exclusive,
  };
}

export type ListEntity = ReturnType<typeof renderList>;

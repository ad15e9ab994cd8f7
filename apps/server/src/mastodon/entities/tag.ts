import type { Config } from '../../config/index.ts';
import type { TagRow } from '../../db/schema/index.ts';

export function tagUrl(config: Config, tag: Pick<TagRow, 'name'>): string {
  return `${config.publicUrl}/tags/${encodeURIComponent(tag.name)}`;
}

/** The `tags[]` item inside a Status (Mastodon's Status::Tag): the matching name and its page. */
export function renderStatusTag(config: Config, tag: Pick<TagRow, 'name'>) {
  return { name: tag.name, url: tagUrl(config, tag) };
}

export interface TagHistoryDay {
  day: string;
  uses: string;
  accounts: string;
}

/** Mastodon's Tag entity. `history` is empty until usage statistics exist. */
export function renderTag(
  config: Config,
  tag: Pick<TagRow, 'id' | 'name' | 'display'>,
  extras: { following?: boolean; featuring?: boolean; history?: TagHistoryDay[] } = {},
) {
  return {
    id: tag.id,
    name: tag.display,
    url: tagUrl(config, tag),
    history: extras.history ?? [],
    ...(extras.following !== undefined ? { following: extras.following } : {}),
    ...(extras.featuring !== undefined ? { featuring: extras.featuring } : {}),
  };
}

export type StatusTagEntity = ReturnType<typeof renderStatusTag>;
export type TagEntity = ReturnType<typeof renderTag>;

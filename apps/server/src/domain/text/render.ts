import sanitizeHtml from 'sanitize-html';
import { type Token, tokenize } from './parse.ts';

export interface ResolvedMention {
  username: string;
  acct: string;
  url: string;
}

export interface RenderOptions {
  publicUrl: string;
  /** Keyed by lower-cased "username" (local) or "username@domain". */
  mentions: Map<string, ResolvedMention>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export function mentionKey(username: string, domain: string | null): string {
  return (domain ? `${username}@${domain}` : username).toLowerCase();
}

function renderToken(token: Token, source: string, options: RenderOptions): string {
  const raw = source.slice(token.start, token.end);
  switch (token.kind) {
    case 'link': {
      const display = token.url.replace(/^https?:\/\/(www\.)?/i, '');
      const shown = display.length > 30 ? `${display.slice(0, 30)}…` : display;
      return `<a href="${escapeHtml(token.url)}" target="_blank" rel="nofollow noopener noreferrer" translate="no">${escapeHtml(shown)}</a>`;
    }
    case 'tag': {
      const href = `${options.publicUrl}/tags/${encodeURIComponent(token.name.toLowerCase())}`;
      return `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(token.name)}</span></a>`;
    }
    case 'mention': {
      const resolved = options.mentions.get(mentionKey(token.username, token.domain));
      if (!resolved) return escapeHtml(raw);
      return `<span class="h-card" translate="no"><a href="${escapeHtml(resolved.url)}" class="u-url mention">@<span>${escapeHtml(resolved.username)}</span></a></span>`;
    }
  }
}

function renderInline(text: string, options: RenderOptions): string {
  let html = '';
  let at = 0;
  for (const token of tokenize(text)) {
    html += escapeHtml(text.slice(at, token.start)) + renderToken(token, text, options);
    at = token.end;
  }
  return (html + escapeHtml(text.slice(at))).replace(/\n/g, '<br>');
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'span'],
  allowedAttributes: {
    a: ['href', 'rel', 'class', 'target', 'translate'],
    span: ['class', 'translate'],
    p: ['class'],
  },
  allowedSchemes: ['http', 'https'],
  allowedClasses: {
    a: ['mention', 'hashtag', 'u-url'],
    span: ['h-card', 'invisible', 'ellipsis'],
    // The evidence line (domain/evidence) appended to a post's content.
    p: ['rounds-evidence'],
  },
};

/**
 * Renders source text to the HTML Mastodon clients expect: paragraphs, line breaks, links,
 * hashtags and mentions; everything else escaped, and the result passed through sanitize-html.
 */
export function renderContent(text: string, options: RenderOptions): string {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (trimmed === '') return '';
  const html = trimmed
    .split(/\n{2,}/)
    .map((para) => `<p>${renderInline(para, options)}</p>`)
    .join('');
  return sanitizeHtml(html, SANITIZE);
}

/** Sanitises HTML that came from elsewhere (profile field values rendered as links). */
export function sanitizeRendered(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

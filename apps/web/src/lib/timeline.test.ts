import { describe, expect, it } from 'vitest';
import type { Status } from '../api/types.ts';
import { initialTimeline, type TimelineState, timelineReducer } from './timeline.ts';

function status(id: string): Status {
  return { id, content: `<p>${id}</p>`, reblog: null } as Status;
}

function ids(list: Status[]): string[] {
  return list.map((s) => s.id);
}

function loaded(...list: string[]): TimelineState {
  return timelineReducer(initialTimeline, { type: 'loaded', statuses: list.map(status), next: '/next' });
}

describe('the home timeline on screen', () => {
  it('holds live posts behind the bar until the person asks for them, newest first', () => {
    let state = loaded('20', '10');
    state = timelineReducer(state, { type: 'arrived', statuses: [status('30')] });
    state = timelineReducer(state, { type: 'arrived', statuses: [status('40')] });
    expect(ids(state.statuses)).toEqual(['20', '10']);
    expect(ids(state.pending)).toEqual(['40', '30']);
    state = timelineReducer(state, { type: 'showPending' });
    expect(ids(state.statuses)).toEqual(['40', '30', '20', '10']);
    expect(state.pending).toEqual([]);
  });

  it('never shows a post twice (stream and page overlap, own posts echoed by the stream)', () => {
    let state = timelineReducer(initialTimeline, { type: 'arrived', statuses: [status('20')] });
    state = timelineReducer(state, { type: 'loaded', statuses: [status('20'), status('10')], next: null });
    expect(state.pending).toEqual([]);
    state = timelineReducer(state, { type: 'arrived', statuses: [status('30')] });
    state = timelineReducer(state, { type: 'posted', status: status('30') });
    expect(ids(state.statuses)).toEqual(['30', '20', '10']);
    expect(state.pending).toEqual([]);
    state = timelineReducer(state, { type: 'arrived', statuses: [status('30')] });
    expect(state.pending).toEqual([]);
  });

  it('appends older pages and removes deleted posts', () => {
    let state = loaded('30', '20');
    state = timelineReducer(state, { type: 'more', statuses: [status('20'), status('10')], next: null });
    expect(ids(state.statuses)).toEqual(['30', '20', '10']);
    expect(state.next).toBeNull();
    state = timelineReducer(state, { type: 'deleted', id: '20' });
    expect(ids(state.statuses)).toEqual(['30', '10']);
  });

  it('orders ids of different lengths numerically', () => {
    let state = loaded();
    state = timelineReducer(state, { type: 'arrived', statuses: [status('9'), status('100')] });
    expect(ids(state.pending)).toEqual(['100', '9']);
  });
});

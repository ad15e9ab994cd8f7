import { describe, expect, it } from 'vitest';
import { isQuietAt, minutesOf, nextQuietChange, type QuietHours } from './quiet-hours.ts';

const night: QuietHours = { enabled: true, start: '22:00', end: '07:00' };
const lunch: QuietHours = { enabled: true, start: '12:00', end: '13:30' };

function at(hours: number, minutes = 0, day = 10): Date {
  return new Date(2026, 2, day, hours, minutes);
}

describe('quiet hours', () => {
  it('reads times of day', () => {
    expect(minutesOf('07:30')).toBe(450);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('7:30')).toBeNull();
  });

  it('holds notifications inside the span, across midnight too', () => {
    expect(isQuietAt(night, at(23, 15))).toBe(true);
    expect(isQuietAt(night, at(3))).toBe(true);
    expect(isQuietAt(night, at(7))).toBe(false);
    expect(isQuietAt(night, at(21, 59))).toBe(false);
    expect(isQuietAt(lunch, at(12, 45))).toBe(true);
    expect(isQuietAt(lunch, at(13, 30))).toBe(false);
    expect(isQuietAt({ ...night, enabled: false }, at(23))).toBe(false);
    expect(isQuietAt({ ...night, end: '22:00' }, at(23))).toBe(false);
  });

  it('knows when the span next begins or ends', () => {
    expect(nextQuietChange(night, at(23, 15))).toEqual(at(7, 0, 11));
    expect(nextQuietChange(night, at(8))).toEqual(at(22));
    expect(nextQuietChange(lunch, at(12, 45))).toEqual(at(13, 30));
    expect(nextQuietChange({ ...night, enabled: false }, at(8))).toBeNull();
  });
});

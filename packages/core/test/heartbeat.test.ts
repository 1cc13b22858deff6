import { describe, expect, it } from 'vitest';
import { capVisibility, planHeartbeat, toHeartbeatPolicy } from '../src/heartbeat.js';

const twelveHours = 43_200;
const receivedAt = Date.UTC(2026, 0, 1);

describe('the heartbeat plan', () => {
  it('extends every third of the visibility timeout, back to the full timeout', () => {
    expect(toHeartbeatPolicy(60)).toEqual({ intervalSeconds: 20, extendSeconds: 60 });
    expect(toHeartbeatPolicy(2)).toEqual({ intervalSeconds: 1, extendSeconds: 2 });
  });

  it('extends by the full timeout while far from the ceiling', () => {
    expect(planHeartbeat(receivedAt, receivedAt + 20_000, toHeartbeatPolicy(60), twelveHours)).toBe(60);
  });

  it('never asks past the 12-hour ceiling counted from the receive', () => {
    const nearlyTwelveHours = receivedAt + (twelveHours - 30) * 1000;
    expect(planHeartbeat(receivedAt, nearlyTwelveHours, toHeartbeatPolicy(60), twelveHours)).toBe(29);
  });

  it('stops extending once the ceiling leaves no room', () => {
    expect(planHeartbeat(receivedAt, receivedAt + twelveHours * 1000, toHeartbeatPolicy(60), twelveHours)).toBeNull();
  });
});

describe('capVisibility', () => {
  it('shortens a backoff that would cross the ceiling', () => {
    expect(capVisibility(900, receivedAt, receivedAt + (twelveHours - 100) * 1000, twelveHours)).toBe(99);
    expect(capVisibility(900, receivedAt, receivedAt + 1000, twelveHours)).toBe(900);
    expect(capVisibility(900, receivedAt, receivedAt + twelveHours * 1000, twelveHours)).toBe(0);
  });
});

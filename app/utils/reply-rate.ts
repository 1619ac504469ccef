/**
 * A reply rate with its 95% Wilson score interval, the interval the authenticity ranking uses too
 * (utils/wilson.ts): with few messages it stays wide and inside 0–1, where the normal one would not.
 */
const Z = 1.959964;

export interface Rate {
  replied: number;
  messages: number;
  share: number;
  low: number;
  high: number;
}

export function replyRate(replied: number, messages: number): Rate {
  if (messages <= 0) return { replied, messages, share: 0, low: 0, high: 0 };
  const p = replied / messages;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * messages);
  const margin = Z * Math.sqrt((p * (1 - p)) / messages + z2 / (4 * messages * messages));
  const denominator = 1 + z2 / messages;
  return {
    replied,
    messages,
    share: p,
    low: Math.max(0, (centre - margin) / denominator),
    high: Math.min(1, (centre + margin) / denominator),
  };
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

// One colour per figure across the overview's charts.
export const COLOURS = { received: '#1d4ed8', closed: '#52c41a', closureRate: '#1d4ed8', onTimeRate: '#13c2c2' } as const;

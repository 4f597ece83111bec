// Data scope. Area codes nest by prefix (33 → 3301 → 330102 → 330102011 → 330102011002 → +3-digit grid),
// so a staff user bound to a node sees exactly the codes that start with theirs.

/** True when `code` lies in the subtree rooted at `scope`. */
export const inScope = (scope: string, code: string): boolean => code.startsWith(scope);

/** Areas a user may name: their subtree and the path above it (to show where they are). */
export const canSeeArea = (scope: string, code: string): boolean => code.startsWith(scope) || scope.startsWith(code);

/** The narrower of a requested area and the caller's scope, or null when they do not overlap. */
export const narrowScope = (scope: string, requested: string | undefined): string | null => {
  if (!requested) return scope;
  if (requested.startsWith(scope)) return requested;
  if (scope.startsWith(requested)) return scope;
  return null;
};

const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const; // province, city, county, street, community (a grid: 15)

/** The areas above a code, nearest last: 330102011002001 → 33, 3301, 330102, 330102011, 330102011002. */
export const areasAbove = (code: string): string[] => LEVEL_LENGTHS.filter((n) => n < code.length).map((n) => code.slice(0, n));

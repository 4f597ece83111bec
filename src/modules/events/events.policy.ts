// Who may apply which action to which event: the parties an actor stands in towards the event (from
// role, scope and assignment), matched against the transition table. Pure.
import type { Actor } from '../../lib/actor.ts';
import { isGridStaff, isOperator } from '../../lib/roles.ts';
import { inScope } from '../../lib/scope.ts';
import { EVENT_ACTIONS, nextState, TRANSITIONS, type EventAction, type EventLevel, type EventState, type Party } from './event-machine.ts';

export type EventFacts = {
  state: EventState;
  level: EventLevel;
  suspended: boolean;
  areaCode: string; // where it happened (a grid where known)
  handlingArea: string; // the centre that holds it: a street, county or city code
  leadUnitId: number | null;
  assistUnitIds: readonly number[];
  reporterUserId: number | null;
};

/** The parties `actor` stands in towards the event. */
export const partiesOf = (actor: Actor, e: EventFacts): Set<Party> => {
  const parties = new Set<Party>();
  const roles = actor.roles;
  const sees = inScope(actor.scope, e.areaCode);
  // An operator acts for the centre holding the event, or for a centre above it (county over street).
  if (sees && isOperator(roles) && inScope(actor.scope, e.handlingArea)) parties.add('operator');
  if (sees && roles.includes('county_operator')) parties.add('county_operator');
  if (roles.includes('handler') && actor.unitId !== null && actor.unitId === e.leadUnitId) parties.add('lead_unit');
  if (sees && isGridStaff(roles)) parties.add('grid');
  if (sees && roles.includes('leader')) parties.add('leader');
  // A resident stands as the reporter only through the public page, once the tracking number and phone matched.
  if (sees && roles.includes('resident')) parties.add('reporter');
  return parties;
};

/**
 * What an actor's event reads reach: an area (everyone but a pure handler) and a unit's work. A
 * handler's scope is their unit's area for maps and addresses, but of events they see only their unit's.
 */
export const eventReach = (actor: Actor): { scope: string | null; unitId: number | null; viewerId: number | null } => ({
  scope: actor.roles.some((r) => r !== 'handler') ? actor.scope : null,
  unitId: actor.unitId,
  // Only grid staff may report outside their own scope (see reportReach); they keep seeing what they reported.
  viewerId: isGridStaff(actor.roles) ? actor.userId : null,
});

/** Where an actor may report events: their scope; grid staff patrol across grid lines, so their street. */
export const reportReach = (actor: Actor): string => (isGridStaff(actor.roles) ? actor.scope.slice(0, 9) : actor.scope);

/** Whether the actor may see the event at all: in their area, dispatched to their unit, or reported by them. */
export const canSeeEvent = (actor: Actor, e: Pick<EventFacts, 'areaCode' | 'leadUnitId' | 'assistUnitIds' | 'reporterUserId'>): boolean => {
  const { scope, unitId } = eventReach(actor);
  return (
    (scope !== null && inScope(scope, e.areaCode)) ||
    (unitId !== null && (unitId === e.leadUnitId || e.assistUnitIds.includes(unitId))) ||
    e.reporterUserId === actor.userId
  );
};

export const mayApply = (actor: Actor, e: EventFacts, action: EventAction): boolean => {
  const parties = partiesOf(actor, e);
  return TRANSITIONS[action].parties.some((p) => parties.has(p)) && nextState(e.state, action, e, { passed: true, satisfied: true }) !== null;
};

/** Exactly the actions the actor may take now; the UI shows these and nothing else. */
export const allowedActions = (actor: Actor, e: EventFacts): EventAction[] => EVENT_ACTIONS.filter((a) => mayApply(actor, e, a));

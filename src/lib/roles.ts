// Roles and what each may do, as data. Scope (which part of the tree) is separate: see scope.ts.

export const ROLES = [
  'grid_worker', 'grid_leader', 'street_operator', 'county_operator', 'handler', 'mediator', 'leader',
  'resident', 'device_gateway', 'checkpoint_terminal', 'sys_admin', 'sec_admin', 'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'area.read' // area tree, grids, address library
  | 'registry.read' // persons, households, houses, enterprises, things (masked)
  | 'registry.write'
  | 'person.reveal' // read a person's ID number and phone in full (audited)
  | 'config.write' // import areas, grids, addresses
  | 'user.read'
  | 'user.manage' // create users, change roles
  | 'user.disable' // disable, enable, unlock accounts
  | 'audit.read'
  | 'event.read' // events in scope, or dispatched to the user's unit
  | 'event.report'
  | 'screening.read' // batches and verification tasks in scope
  | 'screening.import' // receive a batch from upstream
  | 'screening.assign' // move a task to another grid, hand a row back as not ours
  | 'screening.verify' // record the outcome of a task
  | 'healthcode.read' // a person's colour, reasons, history; appeals; zones and checkpoints in scope
  | 'healthcode.verify' // check a code at a checkpoint
  | 'healthcode.appeal' // file an appeal (a resident for themself, a grid worker for a person of theirs)
  | 'healthcode.decide' // decide appeals, raise a colour by hand
  | 'healthcode.trace' // who passed a checkpoint between two times (audited)
  | 'healthcode.read_rules'
  | 'healthcode.rules' // publish a new version of the colour rules
  | 'healthcode.mine' // a resident's own code
  | 'healthcode.checkin' // record a daily health check-in (a resident for themself, staff for a person of their area)
  | 'zone.manage' // draw, change and lift risk zones
  | 'checkpoint.manage' // register checkpoints
  | 'device.read' // devices, venues and device alerts in scope
  | 'device.manage' // bind devices, register venues
  | 'device.announce' // announce a door opening (a resident for their own household)
  | 'device.ingest' // send readings over HTTP (a device gateway)
  | 'device.rules' // publish a new version of the device rules
  | 'supply.read' // supply requests, warehouses and delivery figures in scope
  | 'supply.request' // record a household's request (a resident for their own)
  | 'supply.manage' // warehouses, stock, allocation
  | 'supply.deliver'; // deliver what was allocated

const FIELD: Permission[] = ['area.read', 'registry.read', 'registry.write', 'person.reveal', 'event.read', 'event.report'];

const CHECKING: Permission[] = ['healthcode.read', 'healthcode.verify', 'healthcode.read_rules', 'healthcode.checkin'];
const CONTROL: Permission[] = ['healthcode.decide', 'healthcode.trace', 'zone.manage', 'checkpoint.manage'];
const GRID_DEVICES: Permission[] = ['device.read', 'device.announce', 'supply.read', 'supply.request', 'supply.deliver'];
const CENTRE_DEVICES: Permission[] = [...GRID_DEVICES, 'device.manage', 'supply.manage'];

// Three separate admin duties (三员分立): configuration, security, audit. None reads personal data.
export const GRANTS: Record<Role, readonly Permission[]> = {
  grid_worker: [...FIELD, 'screening.read', 'screening.verify', ...CHECKING, 'healthcode.appeal', ...GRID_DEVICES],
  grid_leader: [...FIELD, 'screening.read', 'screening.verify', ...CHECKING, 'healthcode.appeal', ...GRID_DEVICES],
  street_operator: [...FIELD, 'screening.read', 'screening.import', 'screening.assign', ...CHECKING, ...CONTROL, ...CENTRE_DEVICES],
  county_operator: [...FIELD, 'screening.read', 'screening.import', 'screening.assign', ...CHECKING, ...CONTROL, ...CENTRE_DEVICES],
  handler: ['area.read', 'event.read', 'device.read'],
  mediator: ['area.read', 'registry.read', 'event.read'],
  leader: ['area.read', 'registry.read', 'event.read', 'event.report', 'screening.read', 'healthcode.read', 'healthcode.read_rules', 'device.read', 'supply.read'],
  resident: ['healthcode.mine', 'healthcode.appeal', 'healthcode.checkin', 'device.announce', 'supply.request'],
  device_gateway: ['device.ingest'],
  // A gate's own terminal (a face-recognition gate, a fixed scanner): checks codes at the checkpoints of its area, reads nothing.
  checkpoint_terminal: ['healthcode.verify'],
  sys_admin: ['area.read', 'config.write', 'user.read', 'user.manage'],
  sec_admin: ['area.read', 'user.read', 'user.disable', 'healthcode.read_rules', 'healthcode.rules', 'device.rules'],
  auditor: ['area.read', 'audit.read'],
};

// Role groups the event rules speak of.
const GRID_STAFF: readonly Role[] = ['grid_worker', 'grid_leader'];
const OPERATORS: readonly Role[] = ['street_operator', 'county_operator'];
export const isGridStaff = (roles: readonly Role[]) => roles.some((r) => GRID_STAFF.includes(r));
export const isOperator = (roles: readonly Role[]) => roles.some((r) => OPERATORS.includes(r));

const permissionSets = new Map<string, ReadonlySet<Permission>>();
/** The permissions of a set of roles; the same set object for the same roles (every request asks). */
export const permissionsOf = (roles: readonly Role[]): ReadonlySet<Permission> => {
  const key = roles.join(',');
  let set = permissionSets.get(key);
  if (!set) permissionSets.set(key, (set = new Set(roles.flatMap((r) => GRANTS[r]))));
  return set;
};

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

const ADMIN_DUTIES: readonly Role[] = ['sys_admin', 'sec_admin', 'auditor'];

/** Why a set of roles may not be held by one account, or null. The three admin duties stand alone. */
export const evaluateRoleSet = (roles: readonly Role[]): string | null => {
  const duties = roles.filter((r) => ADMIN_DUTIES.includes(r));
  if (duties.length > 0 && roles.length > 1) return `${duties.join(', ')} must be an account's only role (三员分立)`;
  return null;
};

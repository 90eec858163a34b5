import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zhCN> = {
  app: { title: 'Dispatch Console', drillBanner: 'DRILL', syntheticCity: 'Demo city (synthetic data)' },
  queue: {
    title: 'Alert queue',
    empty: 'No open alerts',
    count: '{{count}} open',
    hint: '↑↓ or J/K to select, Enter to open, Esc to clear',
    age: '{{minutes}} min ago',
    ageSeconds: '{{seconds}} s ago',
    new: 'NEW',
  },
  source: { '110': '110', '12345': '12345' },
  priority: { '1': 'Urgent', '2': 'High', '3': 'Normal', '4': 'Low' },
  status: {
    received: 'Received', acknowledged: 'Acknowledged', dispatched: 'Dispatched', en_route: 'En route', on_scene: 'On scene',
    resolved: 'Resolved', closed: 'Closed', merged: 'Merged', transferred: 'Transferred', cancelled: 'Cancelled',
  },
  category: {
    robbery: 'Robbery', burglary: 'Burglary', theft: 'Theft', fraud: 'Fraud', assault: 'Assault', fight: 'Fight',
    domestic_violence: 'Domestic violence', sexual_assault: 'Sexual assault', kidnapping: 'Kidnapping', weapon: 'Weapon',
    suspicious: 'Suspicious activity', missing_person: 'Missing person', traffic_accident: 'Traffic accident',
    traffic_jam: 'Traffic jam', drunk_driving: 'Drunk driving', fire: 'Fire', rescue: 'Rescue', dispute: 'Dispute',
    noise: 'Noise', help_request: 'Help request', complaint: 'Complaint', consultation: 'Consultation',
    public_facility: 'Public facility', environment: 'Environment', other: 'Other',
  },
  detail: {
    title: 'Alert detail', none: 'Select an alert from the queue', reportedAt: 'Reported', address: 'Address',
    caller: 'Caller', description: 'Description', location: 'Position', originalLocation: 'Original position', id: 'Alert id',
    status: 'Status',
  },
  cameras: { title: 'Nearby cameras', none: 'No cameras nearby', online: 'online', offline: 'offline', distance: '{{meters}} m' },
  cameraKind: { gun: 'Fixed', dome: 'PTZ dome', face: 'Face', anpr: 'ANPR', eagle: 'Eagle-eye' },
  units: {
    title: 'Nearby available units', none: 'No available units nearby', straightLine: 'Straight-line distance (not road time)',
    distance: '{{km}} km',
  },
  unitType: { car: 'Patrol car', ebike: 'E-bike', foot: 'Foot', special: 'Special police' },
  unitStatus: { available: 'Available', dispatched: 'Dispatched', en_route: 'En route', on_scene: 'On scene', off_duty: 'Off duty' },
  alarm: { idle: 'Alarm armed', sounding: 'URGENT ALARM', muted: 'Alarm muted', blocked: 'Alarm off', enable: 'Click to enable alarm sound', mute: 'Mute', unmute: 'Unmute', volume: 'Alarm volume' },
  common: { confirm: 'OK', cancel: 'Cancel' },
  role: { duty_officer: 'Duty officer', supervisor: 'Supervisor', trainee: 'Trainee' },
  operator: { signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password' },
  dispatch: {
    signInToAct: 'Sign in to acknowledge and dispatch', acknowledge: 'Acknowledge', dispatchBest: 'Dispatch best unit', resolve: 'Resolved',
    close: 'Close case', cancel: 'Cancel alert', reopen: 'Reopen', result: 'Result', feedback: 'Caller feedback', reason: 'Reason',
    timeline: 'Case steps', responseTime: 'Response', overdue: 'Transfer overdue', onTheWay: 'on the way', tierMet: 'meets {{minutes}} min',
    tierMissed: 'missed {{minutes}} min', duplicates: 'Possible duplicates', possibleDuplicate: 'Possible duplicate: {{meters}} m, {{minutes}} min apart',
    merge: 'Merge', command: { pending: 'queued', sent: 'sent', acked: 'acknowledged', failed: 'failed' },
  },
  shift: { waiting: 'waiting {{count}}', active: 'active {{count}}', done: 'done {{count}}', median: 'median response', compliance: '1-3-5 met', outbox: 'commands queued {{count}}' },
  statusBar: {
    connecting: 'Connecting to gateway', connected: 'Gateway connected', disconnected: 'Gateway disconnected',
    error: 'Gateway error', lag: 'lag {{ms}} ms', lagUnknown: 'lag —', seq: 'seq {{seq}}', quarantine: 'quarantine {{count}}',
    units: 'units {{available}}/{{total}} available', language: '中文',
  },
};

import './drills.css';

export { DrillBar, DrillBanner } from './DrillBar';
export { markDrillWindow, useDrill, formatScenarioTime } from './useDrill';

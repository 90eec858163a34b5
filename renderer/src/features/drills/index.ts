import './drills.css';

export { DrillBar } from './DrillBar';
export { markDrillWindow, useDrill, formatScenarioTime } from './useDrill';

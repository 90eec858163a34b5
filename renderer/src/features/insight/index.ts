import './insight.css';

export { InsightControls } from './InsightControls';
export { RiskBadge } from './RiskControl';

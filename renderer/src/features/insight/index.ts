import './insight.css';

export { InsightControls } from './InsightControls';

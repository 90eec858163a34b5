export { HandoverButton, HandoverPanel } from './HandoverPanel';

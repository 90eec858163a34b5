export { CameraList } from './CameraList';
export { VideoPanel } from './VideoPanel';
export { WallPage } from './WallPage';
export { VideoEvidence } from './VideoEvidence';

import { packageBuild } from '../../tsup.base.js';

// index: the importable API; main: the executable the image and the binary start.
export default packageBuild(['src/index.ts', 'src/main.ts']);

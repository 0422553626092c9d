import { indexProperties } from '../properties/index.props';
import { QUICK_RUNS, describeProperties } from '../properties/runner';

describeProperties('post index properties (quick; npm run fuzz runs many more)', indexProperties, QUICK_RUNS);

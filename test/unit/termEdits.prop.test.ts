import { QUICK_RUNS, describeProperties } from '../properties/runner';
import { termEditProperties } from '../properties/termEdits.props';

describeProperties('tag edit properties (quick; npm run fuzz runs many more)', termEditProperties, QUICK_RUNS);

import { renderProperties } from '../properties/render.props';
import { QUICK_RUNS, describeProperties } from '../properties/runner';

describeProperties('renderer properties on hostile posts (quick; npm run fuzz runs many more)', renderProperties, QUICK_RUNS);

import { regexProperties } from '../properties/regex.props';
import { QUICK_RUNS, describeProperties } from '../properties/runner';

describeProperties('linear-time workspace regex properties (quick; npm run fuzz runs many more)', regexProperties, QUICK_RUNS);

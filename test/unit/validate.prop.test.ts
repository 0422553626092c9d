import { QUICK_RUNS, describeProperties } from '../properties/runner';
import { validatorProperties } from '../properties/validator.props';

describeProperties('validator and quick fix properties (quick; npm run fuzz runs many more)', validatorProperties, QUICK_RUNS);

"""Pure render functions: take vars, return components. No database, no logic in lambdas."""

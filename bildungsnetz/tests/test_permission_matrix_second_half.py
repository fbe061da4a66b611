"""The second half of the permission table (see test_permission_matrix.py): a module of its
own so that the second test worker runs it beside the first half."""

import pytest

from .test_permission_matrix import (  # noqa: F401 - the fixtures, used by name
    SECOND_HALF,
    case_ids,
    check_cell,
    shared_world,
    world,
)


@pytest.mark.parametrize(("spec", "action", "layer"), SECOND_HALF, ids=case_ids(SECOND_HALF))
def test_matrix(world, spec, action, layer):  # noqa: F811 - the fixture imported above
    check_cell(world, spec, action, layer)

"""Who may do what with surveys. Deny by default.

- An instrument belongs to its territory: its editors write it (new versions, questions),
  everyone signed in with a role may see it (to run it in their own city).
- A wave belongs to its city: the city's editors prepare it; its coordinators (the wave's
  named coordinators, or coordinators of the city) run it, see the raw answers and export them.
- Results of a closed or running wave are public, but only as suppressed tables (no cell under
  five respondents), never free text; the raw export is for the wave's coordinators only.
- Answering needs no account: access is by the wave's open link or a personal token.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    EDITOR,
    holds_role_anywhere,
    is_superuser,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import Instrument, Wave, WaveStatus

_writes_instrument = territory_role_at_least(EDITOR, lambda instrument: instrument.territory)
_prepares_wave = territory_role_at_least(EDITOR, lambda wave: wave.territory)
_coordinates_city = territory_role_at_least(COORDINATOR, lambda wave: wave.territory)


@rules.predicate
def is_named_coordinator(user, wave) -> bool:
    if wave is None or not user.is_authenticated:
        return False
    return wave.coordinators.filter(pk=user.pk).exists()


@rules.predicate
def results_are_public(user, wave) -> bool:
    return wave is not None and wave.status != WaveStatus.DRAFT


coordinates_wave = is_named_coordinator | _coordinates_city | is_superuser
prepares_wave = _prepares_wave | coordinates_wave

rules.add_perm("surveys.add_instrument", holds_role_anywhere(EDITOR))
rules.add_perm("surveys.view_instrument", holds_role_anywhere(EDITOR) | is_superuser)
rules.add_perm("surveys.change_instrument", _writes_instrument | is_superuser)
rules.add_perm("surveys.add_wave", holds_role_anywhere(EDITOR))
rules.add_perm("surveys.view_wave", results_are_public | prepares_wave)
rules.add_perm("surveys.change_wave", prepares_wave)
rules.add_perm("surveys.run_wave", coordinates_wave)
rules.add_perm("surveys.export_raw", coordinates_wave)
rules.add_perm("surveys.view_results", results_are_public | prepares_wave)
rules.add_perm("surveys.publish_index", coordinates_wave)

register_scopes(Instrument, lambda instrument: [instrument.territory])
register_scopes(Wave, lambda wave: [wave.territory])

import pytest


@pytest.fixture
def taxonomies(reference_territories):
    from actors.services import taxonomies_load

    taxonomies_load()


@pytest.fixture
def demo(taxonomies):
    from actors import demo as actors_demo
    from offers import demo as offers_demo

    actors_demo.load()
    offers_demo.load()

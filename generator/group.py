"""Stage 5, group: gather translations of the same article into one story."""

from __future__ import annotations

from collections.abc import Sequence

from .records import Article, Story
from .slug import disambiguate, make_slug


def group_stories(articles: Sequence[Article]) -> tuple[Story, ...]:
    """Until translations are matched, each article is a story of its own."""
    taken: set[str] = set()
    stories = []
    for article in sorted(articles, key=lambda a: a.name):
        story_id = disambiguate(make_slug(article.title.text, article.name), article.name, taken)
        taken.add(story_id)
        stories.append(Story(id=story_id, articles=(article,)))
    return tuple(sorted(stories, key=lambda s: s.id))

from array import array

def rank_votes(
    buckets: list[array[int]],
    weights: list[int],
    named: list[bool],
    top: int | None,
    groups: list[int] | None,
    closing: int = -1,
) -> list[int]: ...

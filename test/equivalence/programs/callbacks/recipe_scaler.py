"""Scaling a recipe: lambdas nested several deep, each closing over the results before it."""
RECIPES = {"pancakes": {"flour": 200, "milk": 300, "eggs": 2}}
SERVES = {"pancakes": 4}


def ingredients(recipe, k):
    k(RECIPES[recipe])


def servings(recipe, k):
    k(SERVES[recipe])


def scale(amounts, factor, k):
    k({name: round(qty * factor, 1) for name, qty in amounts.items()})


def shopping_list(recipe, people, k):
    ingredients(recipe, lambda amounts: servings(recipe, lambda base: scale(amounts, people / base, lambda scaled: k(f"{recipe} for {people} (base {base}, {len(amounts)} items): {scaled}"))))


shopping_list("pancakes", 6, print)
shopping_list("pancakes", 2, print)

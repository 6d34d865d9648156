import cps_public_api_refuse as shop

basket = shop.Basket([("tea", 120), ("jam", 75)])
print(shop.price(21), basket.total())

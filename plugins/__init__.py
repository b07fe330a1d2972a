"""Detection: the detect-secrets plugin classes (binance_detector) and what they stand on,
the credential rules in detection/ and the read-only live check behind verify() in livecheck/.
"""

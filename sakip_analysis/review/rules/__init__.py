"""review/rules"""

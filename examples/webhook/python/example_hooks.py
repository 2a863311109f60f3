# The seed's first snippet (Skygear Chat's documentation), unchanged but for its import lines, and served at the end:
#   PORT=8000 WEBHOOK_SECRET=whsec_... python3 example_hooks.py
from chat_hooks import *
from chat_hooks import deserialize_record
@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    print('Message [%s] is sent to conversation [%s].' % (message['body'], conversation['title']))


if __name__ == '__main__':
    serve()

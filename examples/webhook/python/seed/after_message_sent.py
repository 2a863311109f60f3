from chat_hooks import *
from chat_hooks import deserialize_record
@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    print('Message [%s] is sent to conversation [%s].' % (message['body'], conversation['title']))
